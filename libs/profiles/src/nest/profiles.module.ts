import { Module } from '@nestjs/common';
import { CreateDatabase } from '../use-cases/create-database.use-case';
import { DeleteProfile } from '../use-cases/delete-profile.use-case';
import { GetProfile } from '../use-cases/get-profile.use-case';
import { ImportProfiles } from '../use-cases/import-profiles.use-case';
import { ListDatabases } from '../use-cases/list-databases.use-case';

const useCases = [CreateDatabase, ListDatabases, ImportProfiles, GetProfile, DeleteProfile];

@Module({ providers: useCases, exports: useCases })
export class ProfilesModule {}
